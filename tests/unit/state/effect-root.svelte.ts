/** Runs `create` inside an effect root, as a component's initialisation would, so the effects it makes run in the test. */
export function inEffectRoot<T>(create: () => T): { value: T; stop: () => void } {
  let value!: T;
  const stop = $effect.root(() => {
    value = create();
  });
  return { value, stop };
}

/** A reactive input for a test, like a page's derived state. */
export class Input<T> {
  current = $state() as T;
  constructor(initial: T) {
    this.current = initial;
  }
}
