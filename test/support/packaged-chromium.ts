import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

/** A Chromium unpacked from the `@sparticuz/chromium` npm package, and what it needs to run. */
export interface PackagedChromium {
  /** The browser binary. */
  executablePath: string;
  /** Environment for the browser process: the NSS libraries and fonts that ship with the package. */
  env: Record<string, string>;
}

/** The package's own directory (its `bin/` holds the brotli files; `package.json` is not exported). */
function packageDir(): string {
  return resolve(dirname(require.resolve('@sparticuz/chromium')), '..', '..');
}

/** Fontconfig pointed at the package's fonts, instead of the Lambda paths its own `fonts.conf` names. */
function fontsConf(dir: string): string {
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(dir, 'fonts')}</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`;
}

/** Unpacks the binary, the NSS libraries and the fonts into `dir`, which will be renamed to `finalDir`. */
function unpack(bin: string, dir: string, finalDir: string): void {
  mkdirSync(dir, { recursive: true });
  const binary = join(dir, 'chromium');
  writeFileSync(binary, brotliDecompressSync(readFileSync(join(bin, 'chromium.br'))));
  chmodSync(binary, 0o755);
  // The Lambda build links against NSS, which a bare Debian lacks; the package ships it (al2023),
  // and fonts so pages have text. `tar` is part of every Debian base system.
  for (const archive of ['al2023.tar.br', 'fonts.tar.br']) {
    execFileSync('tar', ['-x', '--no-same-owner', '-C', dir], {
      input: brotliDecompressSync(readFileSync(join(bin, archive))),
    });
  }
  writeFileSync(join(dir, 'fonts.conf'), fontsConf(finalDir));
}

/**
 * The Chromium that comes inside the `@sparticuz/chromium` package: nothing is downloaded, the
 * binary is only decompressed, once per package version, under `node_modules/.cache/`. The package's
 * own `executablePath()` is not used: it unpacks to a fixed `/tmp/chromium` without locking (jest
 * workers would race) and sets up the libraries and fonts only on AWS Lambda.
 */
export function packagedChromium(): PackagedChromium {
  const pkg = packageDir();
  const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
  const dir = resolve(pkg, '..', '..', '.cache', `packaged-chromium-${version}`);
  if (!existsSync(join(dir, 'chromium'))) {
    // Unpacked aside, then renamed into place: a directory that exists is complete, whichever
    // worker got there first.
    const staging = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      unpack(join(pkg, 'bin'), staging, dir);
      renameSync(staging, dir);
    } catch (error) {
      if (!existsSync(join(dir, 'chromium'))) throw error;
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return {
    executablePath: join(dir, 'chromium'),
    env: { LD_LIBRARY_PATH: join(dir, 'lib'), FONTCONFIG_PATH: dir, FONTCONFIG_FILE: join(dir, 'fonts.conf') },
  };
}
