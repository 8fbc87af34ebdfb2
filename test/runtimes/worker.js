// test/runtimes/scenarios.js as a Cloudflare worker: `workerd test` calls its test handler, whose binding API
// is the test server's base URL; the outcome is printed as one line of JSON after "outcome: ".
import { scenarios } from "./scenarios.js";

export default {
  async test(_controller, env) {
    console.log(`outcome: ${JSON.stringify(await scenarios(env.API))}`);
  },
};
