// Preloaded into dev servers started by tests: exits when the test process that started it is gone,
// so a crashed or killed test run never leaves Azurite or maildev behind.
const parent = Number(process.env.GONGHUI_PARENT_PID);
if (parent > 0) {
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(0);
    }
  }, 500).unref();
}
