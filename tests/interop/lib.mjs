// Shared helpers for the interop tests: run the luxl2 binary, count checks, finish with a summary line.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = process.env.LUXL2_BIN;
export const DATA = process.env.LUXL2_DATA_DIR;
if (!BIN) throw new Error('LUXL2_BIN is not set (run through ctest)');

let passed = 0;
let failed = 0;

/// Runs luxl2 with args; returns {code, stdout, stderr}.
export function luxl2(args, input) {
  try {
    const stdout = execFileSync(BIN, args, { input, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['pipe', 'pipe', 'pipe'] });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    return { code: e.status ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

export function check(cond, what) {
  if (cond) passed++;
  else {
    failed++;
    console.error(`FAIL: ${what}`);
  }
}

export function tmpFile(name, content) {
  const dir = mkdtempSync(join(tmpdir(), 'luxl2-'));
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/// Deterministic PRNG (xorshift128+) so failures reproduce; the seed is printed.
export function rng(seed) {
  let s0 = BigInt(seed) | 1n, s1 = 0x9e3779b97f4a7c15n;
  const mask = (1n << 64n) - 1n;
  const next = () => {
    let x = s0; const y = s1; s0 = y;
    x ^= (x << 23n) & mask; x ^= x >> 17n; x ^= y ^ (y >> 26n); s1 = x;
    return (s0 + s1) & mask;
  };
  return {
    u64: next,
    int: (n) => Number(next() % BigInt(n)),
    bytes: (n) => { const b = new Uint8Array(n); for (let i = 0; i < n; i++) b[i] = Number(next() & 0xffn); return b; },
    bigint: (bits) => { let v = 0n; for (let i = 0; i < bits; i += 64) v = (v << 64n) | next(); return v & ((1n << BigInt(bits)) - 1n); },
  };
}

export function done() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

/// Starts `luxl2 devnet` with `args` (after "devnet") and resolves, once it listens, to
/// {proc, url, banner()} (banner: all stdout so far). `onStdout(chunk)`, when given, sees every
/// stdout chunk. Rejects when the devnet exits or has not started within 20 s.
export function startDevnet(args, onStdout) {
  return new Promise((resolve, reject) => {
    const proc = spawn(BIN, ['devnet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('devnet did not start:\n' + out)), 20000);
    proc.stdout.on('data', (d) => {
      out += d.toString();
      if (onStdout) onStdout(d.toString());
      const m = out.match(/RPC URL: +(http:\/\/\S+)/);
      if (m && out.includes('Listening on')) { clearTimeout(timer); resolve({ proc, url: m[1], banner: () => out }); }
    });
    proc.stderr.on('data', (d) => process.stderr.write(d));
    proc.on('exit', (code) => reject(new Error(`devnet exited with ${code}:\n${out}`)));
  });
}
