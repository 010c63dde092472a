import { createServer } from 'node:net';

export async function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

// Below Linux's ephemeral range (32768–60999): the Temporal dev server takes random ephemeral ports
// for its internal services, which could otherwise grab the port chosen for its frontend.
const LOW = 20_000;
const HIGH = 32_000;

/** A port that is free now, chosen at random below the ephemeral range. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await portIsFree(port)) return port;
  }
  throw new Error(`no free TCP port found between ${LOW} and ${HIGH}`);
}
