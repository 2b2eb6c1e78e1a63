// Runs one action through an unpacked build.zip the way Zapier's Lambda does: its root handler (zapierwrapper.js),
// with only the zip's own node_modules. Started by zapier-cli.cli.ts under Node 22, with the zip as its working folder:
//   node zip-handler.js ZIP_DIR BASE_URL ACCOUNT_ID REGION   (the passcode in ZIP_CHECK_PASSCODE, not on the command line)
// Prints one JSON line: {"results": ...} or {"error": the error's message as thrown}; exits 1 on an error.
const path = require('path');

const [zipDir, baseUrl, accountId, region] = process.argv.slice(2);
const passcode = process.env.ZIP_CHECK_PASSCODE;

async function main() {
  const core = require.resolve('zapier-platform-core', { paths: [zipDir] });
  if (!core.startsWith(zipDir + path.sep))
    throw new Error(`zapier-platform-core resolved outside the zip: ${core}`);
  const { handler } = require(path.join(zipDir, 'zapierwrapper.js'));
  const output = await handler(
    {
      command: 'execute',
      method: 'creates.upsert_profile.operation.perform',
      bundle: {
        authData: { accountId, passcode, region },
        inputData: { identity: 'zip-check', name: 'Zip Check', properties: { Source: 'build.zip' } },
      },
      environment: { CLEVERTAP_API_BASE_URL: baseUrl },
    },
    {},
  );
  return output.results;
}

main().then(
  (results) => process.stdout.write(`${JSON.stringify({ results })}\n`),
  (error) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    process.exitCode = 1;
  },
);
