import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The tsconfig of a throw-away project outside the repository, as a team's own repository would have it
 * (strict, bundler resolution): the packaging tests type-check a consumer's code against the installed
 * tarballs with it, so what compiles here compiles there.
 */
export const writeConsumerTsconfig = (project: string, include: readonly string[]): void => {
  const compilerOptions = {
    target: 'ES2023',
    lib: ['ES2023'],
    module: 'preserve',
    moduleResolution: 'bundler',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include }));
};
