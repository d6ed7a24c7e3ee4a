import type { CopyIn } from '../import/copy.ts';
import type { Db, Tx } from '../db/tables.ts';
import type { PersonalDataCipher } from '../personal-data.ts';
import type { Random } from './random.ts';

/** What `generate` was asked for. */
export interface GenerateParams {
  /** 1 is the real province of the report; counts scale linearly, rates do not. */
  scale: number;
  seed: number;
  /** The last calendar year with records: 2012 (the report's baseline) or later. */
  until: number;
}

/**
 * What a module's generator gets. A generator is a deterministic procedure: it draws only from `random(...)`, and
 * hands its rows to `write` in the same order on every run, so a resumed job can replay the batches already
 * committed without writing them again (and the digest still covers the whole province).
 */
export interface GenerateContext {
  params: GenerateParams;
  /** For reads between batches (what an earlier module generated). */
  db: Db;
  cipher: PersonalDataCipher;
  /** An independent stream of chance for each name. */
  random(stream: string): Random;
  /** Feeds a generated record to the province's digest: plain fields and lookup hashes, never ciphertext (its IVs are random). */
  digest(...fields: readonly (string | number | boolean | Buffer | null | undefined)[]): void;
  /**
   * The first id of a block of `count` ids of `table`, drawn from its identity sequence once and kept in the job's
   * checkpoint, so a resumed run gives the same rows the same ids.
   */
  reserveIds(table: string, count: number): Promise<number>;
  /**
   * One batch of rows, COPYed in a transaction of its own that ends with the job's checkpoint. A resumed run does
   * not call `work` for batches already committed. `units` is how much progress the batch counts for. It returns
   * once the batch is under way, not done: one batch is in flight while the generator makes the next, so `work`
   * must only copy what was prepared. Reads of what a batch wrote wait for the next module.
   */
  write(units: number, work: (tx: Tx, copy: CopyIn) => Promise<void>): Promise<void>;
  /**
   * True when the next batch is one a previous run of the job has committed: `write` will not call its work, so
   * costly preparation (encryption) can be skipped.
   */
  resuming(): boolean;
}

/** A module's part of the synthetic province (ModuleManifest.generate). */
export interface ModuleGenerator {
  /** The amount of work at these params (rows, roughly), for the progress total. */
  units(params: GenerateParams): number;
  /** Generates and writes the module's records; the result is a summary of what was made (counts by kind). */
  run(context: GenerateContext): Promise<Record<string, number>>;
}
