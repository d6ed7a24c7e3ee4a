import { Worker } from 'node:worker_threads';
import type { PersonalDataCipher } from '../personal-data.ts';

/**
 * Personal data hashed and encrypted in a worker thread: per value an HMAC and an AES-GCM encryption (PersonalDataCipher)
 * cost more than reading and validating its row, so an import hands each chunk's values to the worker and reads and
 * validates the next chunk meanwhile, while the database merges the one before.
 */
export interface Sealed {
  /** PersonalDataCipher.lookupHash of the value. */
  hash: Buffer;
  /** PersonalDataCipher.encrypt of the value. */
  sealed: Buffer;
}

export interface Sealer {
  /** Each value's hash and ciphertext, in order; null stays null. */
  seal(values: readonly (string | null)[]): Promise<(Sealed | null)[]>;
  /** Ends the thread; what is still being sealed fails. */
  close(): Promise<void>;
}

export interface SealRequest {
  id: number;
  values: readonly (string | null)[];
}

export interface SealResponse {
  id: number;
  data: ArrayBuffer;
  /** Where each value's slot ends in data. */
  ends: Int32Array;
}

const hashLength = 32;

// The sources are TypeScript, run through tsx; a worker thread starts with no loader, so it registers tsx before
// importing its module. Works the same under the CLI, the tests and the benchmarks.
const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./seal-worker.ts', import.meta.url).href)}); })`;

export function startSealer(cipher: PersonalDataCipher): Sealer {
  const worker = new Worker(bootstrap, { eval: true, workerData: { key: cipher.masterKey } });
  const pending = new Map<number, { resolve: (result: (Sealed | null)[]) => void; reject: (error: unknown) => void }>();
  let nextId = 0;
  let failure: unknown;
  const failAll = (error: unknown) => {
    failure ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', ({ id, data, ends }: SealResponse) => {
    const request = pending.get(id);
    if (!request) return;
    pending.delete(id);
    const packed = Buffer.from(data);
    request.resolve(
      Array.from(ends, (end, index) => {
        const start = index === 0 ? 0 : ends[index - 1]!;
        if (end === start) return null;
        return { hash: packed.subarray(start, start + hashLength), sealed: packed.subarray(start + hashLength, end) };
      }),
    );
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the sealing thread ended (exit code ${code})`)));
  return {
    seal(values) {
      if (failure !== undefined) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, values } satisfies SealRequest);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
