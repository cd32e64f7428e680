/**
 * Loaded with `--import` into a server that a test starts (serveSite's `adjustableClock`): the
 * server's clock runs PASSERELLE_TEST_CLOCK_OFFSET_MS ahead of the real one, and a SIGUSR2 moves it
 * one more minute ahead, then prints a line the test waits for. Tests about what must not change
 * with the clock (a retry or a restart in another minute) then cross a minute without waiting for one.
 */
const RealDate = Date;
let offset = Number(process.env.PASSERELLE_TEST_CLOCK_OFFSET_MS ?? '0');

class ShiftedDate extends RealDate {
  constructor(...args: ConstructorParameters<DateConstructor> | []) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }

  static override now(): number {
    return RealDate.now() + offset;
  }
}

globalThis.Date = ShiftedDate as DateConstructor;

process.on('SIGUSR2', () => {
  offset += 60_000;
  console.log(`Horloge de test avancée : ${offset} ms.`);
});

export {};
