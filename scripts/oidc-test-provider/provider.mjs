// A real OpenID Connect provider on loopback for crates/cli/tests/integration/oidc.rs:
// oauth2-mock-server (discovery, JWKS, authorize with PKCE and nonce, token endpoint),
// listening on a free port of 127.0.0.1. It prints `ISSUER <url>` once it listens and stops
// when its stdin closes (the test that started it ended).
//
// Environment:
//   OIDC_CLAIMS    JSON object merged into every ID token (sub, name, email, unit …)
//   OIDC_SCENARIO  how to spoil the ID token: normal (default), wrong_nonce, expired,
//                  bad_signature, wrong_issuer
import { OAuth2Server } from 'oauth2-mock-server';

const scenario = process.env.OIDC_SCENARIO || 'normal';
const claims = JSON.parse(process.env.OIDC_CLAIMS || '{}');
const scenarios = ['normal', 'wrong_nonce', 'expired', 'bad_signature', 'wrong_issuer'];
if (!scenarios.includes(scenario)) {
  console.error(`unknown OIDC_SCENARIO ${scenario}`);
  process.exit(2);
}

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');

// The ID token is the one without `scope` (the access token carries it).
server.service.on('beforeTokenSigning', (token) => {
  if ('scope' in token.payload) return;
  Object.assign(token.payload, claims);
  const now = Math.floor(Date.now() / 1000);
  if (scenario === 'wrong_nonce') token.payload.nonce = 'not-the-nonce-of-this-flow';
  if (scenario === 'expired') {
    token.payload.iat = now - 7200;
    token.payload.nbf = now - 7200;
    token.payload.exp = now - 3600;
  }
  if (scenario === 'wrong_issuer') token.payload.iss = 'http://127.0.0.1:1/another-provider';
});

// A signature that does not verify: the last characters of the signature are changed.
server.service.on('beforeResponse', (response) => {
  if (scenario !== 'bad_signature' || !response.body.id_token) return;
  const token = response.body.id_token;
  const tail = token.slice(-6);
  const flipped = [...tail].map((c) => (c === 'A' ? 'B' : 'A')).join('');
  response.body.id_token = token.slice(0, -6) + flipped;
});

await server.start(0, '127.0.0.1');
// The library names the issuer `localhost`, which may resolve to ::1 where nothing listens.
server.issuer.url = `http://127.0.0.1:${server.address().port}`;
console.log(`ISSUER ${server.issuer.url}`);

process.stdin.resume();
process.stdin.on('end', async () => {
  await server.stop();
  process.exit(0);
});
