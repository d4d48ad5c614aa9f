using System;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Runtime.Native;

namespace Cdu.Firmware.Device
{
    /// <summary>
    /// The two threads that keep the core running: the control cycle every <c>cycle.periodMilliseconds</c> (highest
    /// priority, drift-free: each deadline is the previous one plus the period) and the independent watchdog every
    /// 100 ms, which drives the safe outputs when no cycle completed for <c>watchdog.hangSeconds</c> and reboots the board
    /// after <see cref="SiteConfiguration.RebootAfterHungSeconds"/> of that.
    /// </summary>
    public sealed class CycleRunner
    {
        /// <summary>HIL mode: the first cycle waits at most this long for the rig's first sensor scan (docs/hil-io.md).</summary>
        public const long FirstScanWaitMilliseconds = 10000;

        private readonly CduController _controller;
        private readonly MqttLink _link;
        private readonly DeviceClock _clock;
        private readonly HilMqttIo _hil;

        /// <param name="hil">The rig's I/O in HIL mode, else null.</param>
        public CycleRunner(CduController controller, MqttLink link, DeviceClock clock, HilMqttIo hil)
        {
            _controller = controller;
            _link = link;
            _clock = clock;
            _hil = hil;
        }

        public long Cycles { get; private set; }

        public long Failures { get; private set; }

        public void Start()
        {
            Thread cycle = new Thread(RunCycles);
            cycle.Priority = ThreadPriority.Highest;
            cycle.Start();
            Thread watchdog = new Thread(RunWatchdog);
            watchdog.Priority = ThreadPriority.AboveNormal;
            watchdog.Start();
        }

        private void RunCycles()
        {
            if (_hil != null)
            {
                // As the wired board's first cycle follows its first scan: without a scan by the deadline the cycle runs on
                // missing readings and latches the safe state.
                long deadline = _clock.GetUptimeMilliseconds() + FirstScanWaitMilliseconds;
                while (_hil.Accepted == 0 && _clock.GetUptimeMilliseconds() < deadline)
                {
                    Thread.Sleep(50);
                }
            }

            long next = _clock.GetUptimeMilliseconds();
            while (true)
            {
                int period = _controller.Settings.Timing.ControlPeriodMilliseconds;
                next += period;
                try
                {
                    if (_link.TakeBirthPending())
                    {
                        _controller.PublishBirth();
                    }

                    _controller.RunCycle();
                    Cycles++;
                }
                catch (Exception ex)
                {
                    // An unfinished cycle is what the watchdog looks for; keep trying.
                    Failures++;
                    Debug.WriteLine("Control cycle failed: " + ex.Message);
                }

                long wait = next - _clock.GetUptimeMilliseconds();
                if (wait > 0)
                {
                    Thread.Sleep((int)wait);
                }
                else if (wait < -5 * period)
                {
                    next = _clock.GetUptimeMilliseconds(); // fell far behind (a long GC): start a fresh schedule
                }
            }
        }

        private void RunWatchdog()
        {
            long hungSince = -1;
            while (true)
            {
                Thread.Sleep(100);
                bool tripped = _controller.WatchdogCheck();
                long now = _clock.GetUptimeMilliseconds();
                if (!tripped)
                {
                    hungSince = -1;
                    continue;
                }

                if (hungSince < 0)
                {
                    hungSince = now;
                    Debug.WriteLine("Watchdog: no control cycle completed in time: safe outputs driven");
                }
                else if (now - hungSince >= SiteConfiguration.RebootAfterHungSeconds * 1000L)
                {
                    Debug.WriteLine("Watchdog: the control cycle stays hung: rebooting");
                    Power.RebootDevice();
                }
            }
        }
    }
}
