namespace Cdu.Firmware.Control
{
    /// <summary>Who sets the output of a <see cref="PidController"/>.</summary>
    public enum ControllerMode
    {
        /// <summary>The control law sets the output.</summary>
        Automatic = 0,

        /// <summary>The output follows <see cref="PidController.ManualOutput"/>; the integral tracks it for a bumpless return.</summary>
        Manual = 1,
    }
}
