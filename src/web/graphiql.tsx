// The self-hosted GraphQL IDE: GraphiQL against this server, the README's example operations open as tabs.
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import "graphiql/graphiql.css";
import { bookmarkHeaders, keepBookmark } from "./bookmark";

const url = new URL("/graphql", window.location.href).toString();
const tabs = __EXAMPLES__.map(({ query }) => ({ query }));

createRoot(document.getElementById("graphiql")!).render(
  <GraphiQL
    // A JSON POST, which Apollo's CSRF prevention lets through; headers typed in the IDE go along.
    fetcher={async (params, opts) => {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...bookmarkHeaders(), ...opts?.headers },
        body: JSON.stringify(params),
      });
      keepBookmark(res);
      return res.json();
    }}
    defaultTabs={tabs}
  />,
);
