import { ServerReadiness } from '../../../src/server-parts';

describe('ServerReadiness', () => {
  it('is starting until Apollo started, ready then, and draining from stop on', () => {
    const readiness = new ServerReadiness();
    expect(readiness.now()).toBe('starting');
    readiness.markStarted();
    expect(readiness.started).toBe(true);
    expect(readiness.now()).toBe('ready');
    readiness.markDraining();
    expect(readiness.now()).toBe('draining');
  });

  it('stays starting while the mounted parts do not serve yet', () => {
    let partsReady = false;
    const readiness = new ServerReadiness(() => partsReady);
    readiness.markStarted();
    expect(readiness.now()).toBe('starting');
    partsReady = true;
    expect(readiness.now()).toBe('ready');
  });

  it('drains before it ever started (a stop during start-up)', () => {
    const readiness = new ServerReadiness(() => false);
    readiness.markDraining();
    expect(readiness.started).toBe(false);
    expect(readiness.now()).toBe('draining');
  });
});
