using Cdu.Firmware.Alarms;
using Cdu.Firmware.Config;
using Cdu.Firmware.Messages;

namespace Cdu.Firmware.Link
{
    /// <summary>
    /// The control cycle's inbound messages: reports what the inbox refused, then takes each queued message in
    /// order — setpoint requests to the arbiter, commands to the command handler, configuration updates to the
    /// store, configuration reads answered with the document — and afterwards runs the arbiter's lease clock.
    /// Every request, command and configuration update is acknowledged; anything refused is counted and reported.
    /// One fixed buffer and one reader serve every message: nothing is allocated.
    /// </summary>
    public sealed class InboxDispatcher
    {
        private readonly CduSettings _settings;
        private readonly CduTopics _topics;
        private readonly MessageInbox _inbox;
        private readonly byte[] _buffer;
        private readonly JsonMessageReader _reader = new JsonMessageReader();
        private readonly SetpointDecision _decision = new SetpointDecision();
        private readonly CduPublisher _publisher;
        private readonly SetpointArbiter _arbiter;
        private readonly ConfigurationStore _configuration;
        private readonly CommandHandler _commands;
        private readonly IConfigurationListener _listener;

        public InboxDispatcher(CduSettings settings, CduTopics topics, MessageInbox inbox, CduPublisher publisher, SetpointArbiter arbiter,
            ConfigurationStore configuration, CommandHandler commands, IConfigurationListener listener)
        {
            _settings = settings;
            _topics = topics;
            _inbox = inbox;
            _buffer = new byte[inbox.MaximumPayloadBytes];
            _publisher = publisher;
            _arbiter = arbiter;
            _configuration = configuration;
            _commands = commands;
            _listener = listener;
        }

        /// <summary>
        /// Handles every queued message, then the lease clock (LeaseExpired alarm and event). <paramref name="dewPointCelsius"/>
        /// guards the requested supply temperature.
        /// </summary>
        public void Drain(long now, double dewPointCelsius, AlarmTable alarms)
        {
            _publisher.RejectMany(now, _inbox.TakeOversizeCount(), EventNames.OversizeReason);
            _publisher.RejectMany(now, _inbox.TakeOverflowCount(), EventNames.InboxFullReason);
            _publisher.IgnoreRetained(now, _inbox.TakeRetainedCount());

            int length;
            string topic;
            while ((topic = _inbox.TryDequeue(_buffer, out length)) != null)
            {
                if (topic == _topics.SetpointRequest)
                {
                    HandleSetpointRequest(now, length, dewPointCelsius);
                }
                else if (topic == _topics.Command)
                {
                    _commands.Handle(_reader, _reader.Parse(_buffer, 0, length), now);
                }
                else if (topic == _topics.ConfigurationSet)
                {
                    HandleConfigurationSet(now, length);
                }
                else if (topic == _topics.ConfigurationGet)
                {
                    _publisher.PublishConfigurationDocument(_configuration.Export(_settings));
                }
                else
                {
                    _publisher.Reject(now, EventNames.UnknownTopicReason, topic);
                }
            }

            if (_arbiter.Tick(now))
            {
                _publisher.PublishEvent(now, EventNames.SupervisorLeaseExpired, EventNames.SeverityWarning, "no renewal before the lease ended: ramping to local fallback setpoints", null);
            }

            alarms.Set(AlarmTable.LeaseExpired, _arbiter.LeaseLost, now);
        }

        private void HandleSetpointRequest(long now, int length, double dewPointCelsius)
        {
            JsonError error = _reader.Parse(_buffer, 0, length);
            bool wasLost = _arbiter.LeaseLost;
            if (error != JsonError.None)
            {
                _arbiter.RejectUnreadable(JsonErrorText.Describe(error), dewPointCelsius, _decision);
            }
            else
            {
                _arbiter.Decide(_reader, now, dewPointCelsius, _decision);
            }

            if (_decision.Status == SetpointStatus.Rejected)
            {
                _publisher.Reject(now, _decision.Reason, _topics.SetpointRequest);
            }
            else if (wasLost)
            {
                _publisher.PublishEvent(now, EventNames.SupervisorLeaseResumed, EventNames.SeverityOk, "a supervisor lease is in force again", null);
            }

            _publisher.AcknowledgeSetpointRequest(_decision, now);
        }

        private void HandleConfigurationSet(long now, int length)
        {
            // The store parses with a reader sized for a whole configuration document (more members than a message has).
            long sequence;
            string reason = _configuration.Apply(_buffer, length, _settings, out sequence);
            if (reason == null)
            {
                _listener.ConfigurationApplied();
                _publisher.PublishEvent(now, EventNames.ConfigurationChanged, EventNames.SeverityOk, "configuration updated and stored", null);
            }
            else
            {
                _publisher.Reject(now, reason, _topics.ConfigurationSet);
            }

            _publisher.AcknowledgeConfiguration(sequence, reason, _configuration.Revision);
        }
    }
}
