using Selah.Server.Features.Demo;
using Selah.Server.Features.Accounts;
using Selah.Server.Features.Admin;
using Selah.Server.Features.Bible;
using Selah.Server.Features.Calendar;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Community;
using Selah.Server.Features.Library;
using Selah.Server.Features.Search;
using Selah.Server.Features.Media;
using Selah.Server.Features.Scripture;
using Selah.Server.Features.Media.Import;
using Selah.Server.Features.Worship;
using Selah.Server.Infrastructure.Auditing;
using Selah.Server.Infrastructure.Caching;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Email;
using Selah.Server.Infrastructure.Observability;
using Selah.Server.Infrastructure.Realtime;
using Selah.Server.Infrastructure.Redis;
using Selah.Server.Infrastructure.Storage;
using Selah.Server.Infrastructure.Web;

// A published Selah started from another folder (systemd, `dotnet /opt/selah/Selah.Server.dll`) must still find its
// wwwroot and appsettings.json beside the assembly; without this it served every static file as an empty 200.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = WebExtensions.PublishedContentRoot() });
builder.WebHost.UseStaticWebAssets(); // serve the Blazor client from build output in every environment, not only Development

builder.AddSelahData(); // first: its start-up migration must run before other hosted services read the database
builder.AddSelahWeb();
builder.AddSelahObservability();
builder.AddSelahRedisAndKeys();
builder.AddSelahRealtime();
builder.Services.AddSelahCaching();
builder.Services.AddSelahStorage();
builder.Services.AddSelahEmail();
builder.Services.AddSingleton<AuditLog>();
builder.AddAccounts();
builder.AddCatalog();
builder.AddSearch();
builder.AddMedia();
builder.AddImport(); // after AddMedia: uses its job scheduler
builder.AddDemo();
builder.AddBible();
builder.AddWorship();
builder.AddCommunity();

var app = builder.Build();
if (await BibleCommand.TryRunAsync(app, args)) return; // `bible import [kjv web sparv]`: import and exit
app.UseSelahWeb();
app.MapSelahOperations();
app.MapAccountsApi();
app.MapAdminUsersApi();
app.MapCatalogApi();
app.MapLibrary();
app.MapSearchApi();
app.MapMediaApi();
app.MapScriptureApi();
app.MapCalendarApi();
app.MapImportApi();
app.MapWorshipApi();
app.MapBibleApi();
app.MapCommunityApi();
app.MapSelahWebApp();
app.Run();

public partial class Program;
