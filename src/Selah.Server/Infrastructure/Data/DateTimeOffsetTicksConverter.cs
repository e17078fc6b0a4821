using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Selah.Server.Infrastructure.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks (SQLite only), so comparisons and ordering happen in SQL.</summary>
public sealed class DateTimeOffsetTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
