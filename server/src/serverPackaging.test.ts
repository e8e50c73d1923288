/**
 * The standalone server's packaging (packaging/server): the systemd unit passes systemd's own
 * checker, and the unit and the container start the package binary with a configuration file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './config';

const packaging = path.join(repoRoot, 'packaging', 'server');
const unit = fs.readFileSync(path.join(packaging, 'parley-server.service'), 'utf8');

describe('packaging/server', () => {
  it('has a systemd unit that systemd-analyze verifies without complaint', () => {
    expect(unit).toMatch(/^ExecStart=\/usr\/local\/bin\/parley-server --config \/etc\/parley\/server\.json$/m);
    // Verified with ExecStart pointing at this checkout's binary, since nothing is installed here.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-unit-'));
    try {
      const copy = path.join(dir, 'parley-server.service');
      fs.writeFileSync(copy, unit.replace('/usr/local/bin/parley-server', path.join(repoRoot, 'bin', 'parley-server.mjs')));
      const result = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
      expect(result.error).toBeUndefined();
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not restart the service in a loop on a bad configuration (exit status 2)', () => {
    expect(unit).toMatch(/^RestartPreventExitStatus=2$/m);
  });

  it('has a Dockerfile that runs the package binary and checks readiness', () => {
    const dockerfile = fs.readFileSync(path.join(packaging, 'Dockerfile'), 'utf8');
    const { bin } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(dockerfile).toContain(`ENTRYPOINT ["node", "${bin['parley-server']}"]`);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/readyz/);
    expect(dockerfile).toMatch(/cannot be built on the machine/);
  });
});
