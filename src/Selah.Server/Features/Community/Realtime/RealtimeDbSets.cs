using Microsoft.EntityFrameworkCore;
using Selah.Server.Features.Community.Realtime;

namespace Selah.Server.Infrastructure.Data;

public abstract partial class SelahDbContext
{
    public DbSet<GroupReadMarker> GroupReadMarkers => Set<GroupReadMarker>();
}
