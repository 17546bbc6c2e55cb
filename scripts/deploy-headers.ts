/**
 * Writes the security headers of src/lib/csp/policy.ts as nginx `add_header` lines into
 * deploy/security-headers.conf (every page and file) and deploy/code-worker-headers.conf (the
 * code-cell worker's script), which deploy/nginx.conf includes. scripts/deploy.test.ts fails when
 * they are out of step with the policy; run this after changing it.
 *
 *   node scripts/deploy-headers.ts            checks, exit 1 when a file is out of date
 *   node scripts/deploy-headers.ts --write    rewrites them
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CODE_WORKER_HEADERS, SECURITY_HEADERS, nginxAddHeaders } from '../src/lib/csp/policy.ts';

const NOTE = '# Generated from src/lib/csp/policy.ts by `node scripts/deploy-headers.ts --write`: do not edit by hand.\n';

export const GENERATED: Record<string, string> = {
  'deploy/security-headers.conf': `${NOTE}# The security headers of every response (included by every location of deploy/nginx.conf).\n${nginxAddHeaders(SECURITY_HEADERS)}\n`,
  'deploy/code-worker-headers.conf': `${NOTE}# The code-cell worker's script: the same headers with its own policy (it runs reader code, so 'unsafe-eval').\n${nginxAddHeaders(CODE_WORKER_HEADERS)}\n`,
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const write = process.argv.includes('--write');
  let stale = 0;
  for (const [file, text] of Object.entries(GENERATED)) {
    const path = new URL(`../${file}`, import.meta.url);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {}
    if (current === text) continue;
    if (write) {
      writeFileSync(path, text);
      console.log(`wrote ${file}`);
    } else {
      console.error(`${file} is out of date with src/lib/csp/policy.ts: run \`node scripts/deploy-headers.ts --write\`.`);
      stale++;
    }
  }
  process.exit(stale ? 1 : 0);
}
