using Microsoft.EntityFrameworkCore;
using Selah.Server.Features.Community.PrayerRooms;

namespace Selah.Server.Infrastructure.Data;

public abstract partial class SelahDbContext
{
    public DbSet<PrayerRoom> PrayerRooms => Set<PrayerRoom>();
    public DbSet<PrayerRoomRequest> PrayerRoomRequests => Set<PrayerRoomRequest>();
    public DbSet<PrayerRoomPraying> PrayerRoomPrayings => Set<PrayerRoomPraying>();
    public DbSet<PrayerRoomMessage> PrayerRoomMessages => Set<PrayerRoomMessage>();
}
