namespace Cooling.Hil.Device;

/// <summary>
/// How the rig keeps a running CDU going at rest while it attaches, and how long it waits: on the wall clock for a CDU
/// on its own clock (<see cref="WallClockAttachPacing"/>), on the CDU's clock in lockstep (<see cref="LockstepAttachPacing"/>).
/// </summary>
public interface IAttachPacing
{
    /// <summary>
    /// Sends scans of the plant at rest and hands every other message from the CDU to <paramref name="handle"/> until
    /// <paramref name="done"/>; throws <see cref="DeviceRunException"/> with <paramref name="failure"/> after <paramref name="timeout"/>.
    /// </summary>
    void WaitFor(Func<bool> done, TimeSpan timeout, Func<string> failure, Action<string, byte[]> handle, CancellationToken cancellationToken);
}
