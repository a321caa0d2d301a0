/** Polls until `check` holds (workers and jobs run asynchronously); throws naming `what` after `ms`. */
export async function waitFor(check: () => Promise<boolean> | boolean, ms = 20_000, what = 'condition'): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not met in time`);
}
