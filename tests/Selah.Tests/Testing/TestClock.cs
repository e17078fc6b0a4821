namespace Selah.Tests.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> that follows the real clock plus an offset the test controls, so codes and
/// lockouts can be expired without sleeping while timestamps taken one after another still differ.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public DateTimeOffset UtcNow
    {
        get => GetUtcNow();
        set => Interlocked.Exchange(ref _offsetTicks, (value - System.GetUtcNow()).Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
