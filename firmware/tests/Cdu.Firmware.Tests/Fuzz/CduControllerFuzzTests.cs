// Method (COM-3, controller): lockstep differential test. Two identical CduControllers ("attacked" and "clean")
// run cycle by cycle, each on its own copy of the same simulated plant (a first-order supply-temperature response
// to the valve plus a slow disturbance, so the valve works in its linear range and any change of target shows in
// its command). The attacked controller receives FuzzMessages (fixed seeds: random bytes, token soup, random
// documents, mutated setpoint requests, oversize payloads) on the setpoint-request topic, 0-4 per cycle, with
// occasional bursts of 17-21 that overfill its inbox. Mutations that happen to be valid requests legitimately move
// the target: an oracle (its own JsonMessageReader + SetpointArbiter fed the same queued messages) predicts them,
// they are counted separately and delivered to the clean controller as well, in the same cycle and order. So the
// clean controller receives none of the rejected messages, and the two must stay identical. (When a valid
// mutation carried a huge seq, every later request would be stale: the pair and the oracle are then restarted
// together, as a CDU restart would.) Per cycle:
//   * every inbox-accepted message gets exactly one acknowledgement (valid JSON), rejected exactly when the oracle
//     says so; the clean controller's acknowledgements of the valid requests are byte-identical;
//   * RejectedMessages grows by exactly (rejected acknowledgements + messages the inbox refused: oversize/full),
//     with one MessageRejected event per rejected request and one per kind of inbox refusal; the clean one's stays 0;
//   * every actuator command (all of CduOutputs, and ScriptedIo.ValveCommands), the target and effective setpoint,
//     the mode and the lease are identical between the two controllers (no actuator move).
using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Cdu.Firmware.Io;
using Cdu.Firmware.Link;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Tests.Support;
using Xunit.Abstractions;

namespace Cdu.Firmware.Tests.Fuzz;

public sealed class CduControllerFuzzTests(ITestOutputHelper output)
{
    private const int MessagesPerSeed = 50_000;

    private static readonly CduTopics Topics = new("site1", "cdu1");

    private static readonly PropertyInfo[] OutputProperties = typeof(CduOutputs).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    private sealed class Rig
    {
        private double _supplyCelsius = 29.0;
        private long _cycle;

        public Rig() => Controller = new CduController(new CduSettings(), Clock, Io, Bus, Topics);

        public ManualClock Clock { get; } = new();
        public ScriptedIo Io { get; } = new();
        public RecordingBus Bus { get; } = new();
        public CduController Controller { get; }

        public double LastValve => Io.ValveCommands[^1];

        public void Cycle()
        {
            Bus.Messages.Clear();
            Io.ValveCommands.Clear();
            Io.SupplyTemperatureCelsius = _supplyCelsius;
            Controller.RunCycle();
            Clock.Advance(100);
            double steady = 50.0 - 0.35 * LastValve + 0.8 * Math.Sin(_cycle * 0.013);
            _supplyCelsius += 0.02 * (steady - _supplyCelsius);
            _cycle++;
        }

        public List<string> Published(string topic) => Bus.Messages.Where(m => m.Topic == topic).Select(m => m.Payload).ToList();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(33)]
    public void COM_3_controller_fuzz_rejected_messages_are_counted_acknowledged_and_move_nothing(int seed)
    {
        var clean = new Rig();
        var attacked = new Rig();
        int maximumPayload = attacked.Controller.Inbox.MaximumPayloadBytes;
        var generator = new FuzzMessages(seed, maximumPayload);
        Random random = generator.Random;
        var oracleReader = new JsonMessageReader();
        var oracleArbiter = new SetpointArbiter(new CduSettings());
        int restarts = 0;
        var oracleDecision = new SetpointDecision();
        var queued = new List<(byte[] Message, bool Valid)>();
        int messages = 0, rejected = 0, applied = 0, oversize = 0, inboxFull = 0, cycles = 0;
        var valves = new HashSet<double>();
        var reasons = new Dictionary<string, int>();

        while (messages < MessagesPerSeed)
        {
            // Deliver this cycle's messages; the oracle predicts which ones are valid requests.
            int batch = random.Next(25) == 0 ? random.Next(17, 22) : random.Next(0, 5);
            queued.Clear();
            int refusedOversize = 0, refusedFull = 0;
            for (int i = 0; i < batch; i++)
            {
                byte[] message = generator.Next(out _);
                messages++;
                if (attacked.Controller.Inbox.TryEnqueue(Topics.SetpointRequest, message, 0, message.Length))
                {
                    bool valid = oracleReader.Parse(message, 0, message.Length) == JsonError.None;
                    if (valid)
                    {
                        oracleArbiter.Decide(oracleReader, attacked.Clock.Milliseconds, 10.0, oracleDecision);
                        valid = oracleDecision.Status != SetpointStatus.Rejected;
                    }

                    queued.Add((message, valid));
                    if (valid)
                    {
                        Assert.True(clean.Controller.Inbox.TryEnqueue(Topics.SetpointRequest, message, 0, message.Length));
                    }
                }
                else if (message.Length > maximumPayload)
                {
                    refusedOversize++;
                }
                else
                {
                    refusedFull++;
                }
            }

            long rejectedBefore = attacked.Controller.RejectedMessages;
            long acknowledgementsBefore = attacked.Controller.Acknowledgements;
            clean.Cycle();
            attacked.Cycle();
            cycles++;
            string context = $"seed {seed}, cycle {cycles}, after message {messages}: ";

            // Acknowledgements: one per queued message, in order, valid JSON, rejected exactly when not valid.
            List<string> acknowledgements = attacked.Published(Topics.SetpointAcknowledgement);
            List<string> cleanAcknowledgements = clean.Published(Topics.SetpointAcknowledgement);
            Assert.True(queued.Count == acknowledgements.Count, context + $"{queued.Count} messages queued, {acknowledgements.Count} acknowledgements");
            Assert.Equal(queued.Count, attacked.Controller.Acknowledgements - acknowledgementsBefore);
            int rejectedRequests = 0, validRequests = 0;
            for (int i = 0; i < acknowledgements.Count; i++)
            {
                string about = context + "\n" + JsonMessageReaderFuzzTests.Show(queued[i].Message) + "\n→ " + acknowledgements[i];
                using JsonDocument ack = JsonDocument.Parse(acknowledgements[i]);
                string status = ack.RootElement.GetProperty("status").GetString()!;
                string reason = ack.RootElement.GetProperty("reason").GetString()!;
                Assert.False(string.IsNullOrWhiteSpace(reason), about);
                Assert.True(queued[i].Valid == (status != "rejected"), about);
                if (status == "rejected")
                {
                    rejectedRequests++;
                    Assert.True(ack.RootElement.GetProperty("leaseSeconds").GetInt32() == 0, about);
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }
                else
                {
                    Assert.True(status is "accepted" or "clamped", about);
                    Assert.True(validRequests < cleanAcknowledgements.Count && cleanAcknowledgements[validRequests] == acknowledgements[i], about + "\nclean: " + string.Join(" | ", cleanAcknowledgements));
                    validRequests++;
                }
            }

            Assert.Equal(validRequests, cleanAcknowledgements.Count);

            // Counting: every refusal is counted once, and reported.
            int refused = refusedOversize + refusedFull;
            Assert.True(attacked.Controller.RejectedMessages - rejectedBefore == rejectedRequests + refused,
                context + $"rejected count grew by {attacked.Controller.RejectedMessages - rejectedBefore}, expected {rejectedRequests} + {refused}");
            int rejectionEvents = attacked.Published(Topics.Event).Count(e => e.Contains($"\"name\":\"{EventNames.MessageRejected}\"", StringComparison.Ordinal));
            Assert.Equal(rejectedRequests + (refusedOversize > 0 ? 1 : 0) + (refusedFull > 0 ? 1 : 0), rejectionEvents);
            Assert.Equal(0, clean.Controller.RejectedMessages);
            rejected += rejectedRequests + refused;
            applied += validRequests;
            oversize += refusedOversize;
            inboxFull += refusedFull;

            // No actuator move: everything the two controllers command and aim at is identical.
            if (!Identical(clean, attacked, out string difference))
            {
                Assert.Fail(context + difference + "\nthis cycle's messages: " + string.Join(" | ", queued.Select(q => JsonMessageReaderFuzzTests.Show(q.Message))));
            }

            valves.Add(attacked.LastValve);

            // A valid request with a higher seq or epoch (a mutation, within the bounded steps) makes every later request
            // stale. A CDU without stored state accepts any epoch again after a restart: restart the pair (and the oracle)
            // so valid requests keep coming.
            if (oracleArbiter.LastSequence > generator.Sequence + 1_000_000 || oracleArbiter.Epoch > FuzzMessages.Epoch)
            {
                clean = new Rig();
                attacked = new Rig();
                oracleArbiter = new SetpointArbiter(new CduSettings());
                restarts++;
            }
        }

        output.WriteLine($"seed {seed}: {messages} messages in {cycles} lockstep cycles — rejected {rejected} (oversize {oversize}, inbox full {inboxFull}), " +
            $"valid requests applied to both {applied}, pair restarted {restarts} times; {valves.Count} distinct valve commands in [{valves.Min():0.0}, {valves.Max():0.0}] %");
        foreach (var pair in reasons.OrderByDescending(p => p.Value))
        {
            output.WriteLine($"  {pair.Value,6}  {pair.Key}");
        }

        Assert.Equal(messages, rejected + applied);
        Assert.True(rejected > MessagesPerSeed / 2, "too few rejections");
        Assert.True(applied > 500, "too few valid requests");
        Assert.True(oversize > 100 && inboxFull > 100, "oversize and inbox-full refusals must both be exercised");
        Assert.True(valves.Count > cycles / 2, "the valve barely moved: the lockstep comparison would be weak");
    }

    private static bool Identical(Rig clean, Rig attacked, out string difference)
    {
        difference = string.Empty;
        if (clean.Io.ValveCommands.Count != attacked.Io.ValveCommands.Count || !clean.Io.ValveCommands.SequenceEqual(attacked.Io.ValveCommands))
        {
            difference = $"valve commands {string.Join(", ", attacked.Io.ValveCommands)} vs {string.Join(", ", clean.Io.ValveCommands)}";
            return false;
        }

        string attackedOutputs = Describe(attacked.Controller.Outputs);
        string cleanOutputs = Describe(clean.Controller.Outputs);
        if (attackedOutputs != cleanOutputs)
        {
            difference = $"outputs {attackedOutputs} vs {cleanOutputs}";
            return false;
        }

        CduController a = attacked.Controller, c = clean.Controller;
        if (!a.TargetSupplySetpointCelsius.Equals(c.TargetSupplySetpointCelsius) || !a.EffectiveSupplySetpointCelsius.Equals(c.EffectiveSupplySetpointCelsius)
            || a.Mode != c.Mode || a.Arbiter.LeaseActive != c.Arbiter.LeaseActive || a.Arbiter.LastSequence != c.Arbiter.LastSequence)
        {
            difference = $"target {a.TargetSupplySetpointCelsius} vs {c.TargetSupplySetpointCelsius}, setpoint {a.EffectiveSupplySetpointCelsius} vs {c.EffectiveSupplySetpointCelsius}, " +
                $"mode {a.Mode} vs {c.Mode}, lease {a.Arbiter.LeaseActive} vs {c.Arbiter.LeaseActive}, last seq {a.Arbiter.LastSequence} vs {c.Arbiter.LastSequence}";
            return false;
        }

        return true;
    }

    /// <summary>Every public property of the actuator commands (arrays element by element), exactly ("R").</summary>
    private static string Describe(CduOutputs outputs) => string.Join("; ", OutputProperties.Select(p => p.Name + "=" + Format(p.GetValue(outputs))));

    private static string Format(object? value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Format)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };
}
