/** Where a breaker stands: calls pass (closed), are refused at once (open), or one trial call passes (half-open). */
export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
  /** Failures in a row that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before letting one trial call through. */
  cooldownMs: number;
  now?: () => number;
}

/**
 * Stops calling a subgraph that keeps failing: after `failureThreshold`
 * failures in a row, calls are refused at once for `cooldownMs` (its fields
 * answer a coded error without waiting for a timeout each time); then one
 * trial call goes through, and its outcome closes or reopens the circuit.
 */
export class CircuitBreaker {
  #state: CircuitState = "closed";
  #failures = 0;
  #openUntil = 0;
  #trialInFlight = false;
  readonly #options: Required<CircuitBreakerOptions>;

  constructor(options: CircuitBreakerOptions) {
    this.#options = { now: Date.now, ...options };
  }

  get state(): CircuitState {
    return this.#state;
  }

  /** Milliseconds before an open circuit lets a trial call through (0 when closed). */
  retryAfterMs(): number {
    return this.#state === "open" ? Math.max(0, this.#openUntil - this.#options.now()) : 0;
  }

  /** Whether a call may go now; a true answer in half-open state is the one trial call. */
  admit(): boolean {
    if (this.#state === "open" && this.#options.now() >= this.#openUntil) {
      this.#state = "half-open";
      this.#trialInFlight = false;
    }
    if (this.#state === "closed") return true;
    if (this.#state === "half-open" && !this.#trialInFlight) {
      this.#trialInFlight = true;
      return true;
    }
    return false;
  }

  succeeded(): void {
    this.#state = "closed";
    this.#failures = 0;
    this.#trialInFlight = false;
  }

  failed(): void {
    this.#failures += 1;
    this.#trialInFlight = false;
    if (this.#state === "half-open" || this.#failures >= this.#options.failureThreshold) {
      this.#state = "open";
      this.#openUntil = this.#options.now() + this.#options.cooldownMs;
    }
  }

  /** A call admitted but given up for a reason that says nothing of the subgraph (its client left). */
  abandoned(): void {
    this.#trialInFlight = false;
  }
}
