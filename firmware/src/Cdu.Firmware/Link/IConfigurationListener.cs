namespace Cdu.Firmware.Link
{
    /// <summary>Told when an accepted configuration update has changed the settings, before anything else is handled.</summary>
    public interface IConfigurationListener
    {
        void ConfigurationApplied();
    }
}
