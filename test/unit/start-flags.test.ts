// The benchmark gives every target the Node flags of `npm start`, read from package.json's start script.
import { startFlags } from "../../bench/targets";

it("reads npm start's Node flags past the exec in front of node", () => {
  expect(startFlags()).toEqual(["--max-semi-space-size=64"]);
});
