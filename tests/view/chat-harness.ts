/**
 * The interactive screen on OpenTUI's test renderer with simulated time and a provider
 * the test feeds by hand; shared by the screen tests.
 */
import { afterEach } from "bun:test";
import { createTestRenderer, type TestRendererSetup } from "@opentui/core/testing";
import type { AgentEvent, Provider, TurnRequest } from "../../src/provider/events.ts";
import { darkTheme } from "../../src/render/theme.ts";
import { Session } from "../../src/session/session.ts";
import type { SessionStore } from "../../src/session/store.ts";
import { ChatScreen } from "../../src/view/chat-screen.ts";
import type { ChatServices } from "../../src/view/services.ts";
import { ManualClock } from "../../src/provider/clock.ts";

/** A provider the test feeds by hand; each turn waits for events until it is ended or aborted. */
export class ScriptedProvider implements Provider {
  readonly name = "scripted";
  model = "test-model";
  requests: TurnRequest[] = [];
  private push: ((e: AgentEvent | null) => void) | null = null;
  private queue: (AgentEvent | null)[] = [];

  async *stream(req: TurnRequest): AsyncIterable<AgentEvent> {
    this.requests.push(req);
    for (;;) {
      const next = this.queue.shift() ?? (await new Promise<AgentEvent | null>((resolve) => {
        this.push = resolve;
        req.signal.addEventListener("abort", () => resolve(null), { once: true });
      }));
      this.push = null;
      if (next === null || req.signal.aborted) return;
      yield next;
      if (next.type === "turn_end" || (next.type === "error" && next.retryInMs === undefined)) return;
    }
  }

  emit(...events: AgentEvent[]): void {
    for (const e of events) {
      const push = this.push;
      this.push = null;
      if (push) push(e);
      else this.queue.push(e);
    }
  }
}

export interface Screen {
  setup: TestRendererSetup;
  timers: ManualClock;
  provider: ScriptedProvider;
  session: Session;
  screen: ChatScreen;
  quits: number;
  step(ms?: number): Promise<string>;
  /** Types a prompt, presses Enter and lets it start. */
  send(text: string): Promise<string>;
}

let s: Screen | undefined;
afterEach(async () => {
  s?.screen.destroy();
  await s?.setup.dispose();
  s = undefined;
});

export interface OpenOptions {
  services?: ChatServices;
  /** Saved sessions; the session starts in memory without one. */
  store?: SessionStore;
}

export async function open(width = 80, height = 24, options: OpenOptions = {}): Promise<Screen> {
  // kitty keyboard reporting, as petrel asks of the terminal: Shift+Enter and a lone Esc are unambiguous
  const setup = await createTestRenderer({ width, height, kittyKeyboard: true, exitOnCtrlC: false });
  const timers = new ManualClock(1_000_000);
  const provider = new ScriptedProvider();
  const session = Session.create({ connect: (model) => ((provider.model = model), provider), model: "test-model", store: options.store ?? null });
  const state: Screen = {
    setup,
    timers,
    provider,
    session,
    quits: 0,
    screen: null as unknown as ChatScreen,
    async step(ms = 50) {
      // let the provider's stream and the session's pump run
      for (let i = 0; i < 10; i++) await Bun.sleep(0);
      await timers.advance(ms);
      await setup.renderOnce();
      return setup.captureCharFrame();
    },
    async send(text) {
      await setup.mockInput.typeText(text);
      setup.mockInput.pressEnter();
      return state.step();
    },
  };
  state.screen = new ChatScreen(setup.renderer, session, {
    theme: darkTheme,
    fps: 30,
    stats: false,
    timers,
    now: () => timers.now(),
    quit: () => state.quits++,
    heapSnapshot: () => "/tmp/x.heapsnapshot",
    ...(options.services && { services: options.services }),
  });
  s = state;
  await state.step();
  return state;
}

