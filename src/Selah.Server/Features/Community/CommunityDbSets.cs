using Microsoft.EntityFrameworkCore;
using Selah.Server.Features.Community.Groups;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Features.Community.Notifications.WebPush;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Features.Community.Social;

namespace Selah.Server.Infrastructure.Data;

public abstract partial class SelahDbContext
{
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<PostComment> PostComments => Set<PostComment>();
    public DbSet<ContentEdit> ContentEdits => Set<ContentEdit>();
    public DbSet<PostReaction> PostReactions => Set<PostReaction>();
    public DbSet<PostPrayer> PostPrayers => Set<PostPrayer>();
    public DbSet<ContentReport> ContentReports => Set<ContentReport>();
    public DbSet<PostImage> PostImages => Set<PostImage>();
    public DbSet<UserFollow> UserFollows => Set<UserFollow>();
    public DbSet<UserRestriction> UserRestrictions => Set<UserRestriction>();
    public DbSet<CommunityGroup> CommunityGroups => Set<CommunityGroup>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<GroupInvitation> GroupInvitations => Set<GroupInvitation>();
    public DbSet<GroupMessage> GroupMessages => Set<GroupMessage>();
    public DbSet<GroupMessageImage> GroupMessageImages => Set<GroupMessageImage>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationSettings> NotificationSettings => Set<NotificationSettings>();
    public DbSet<NotificationDelivery> NotificationDeliveries => Set<NotificationDelivery>();
    public DbSet<PushSubscription> PushSubscriptions => Set<PushSubscription>();
}
