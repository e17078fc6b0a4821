using Selah.Server.Features.Demo;
using Selah.Server.Features.Accounts;
using Selah.Server.Features.Admin;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Media;
using Selah.Server.Infrastructure.Auditing;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Email;
using Selah.Server.Infrastructure.Observability;
using Selah.Server.Infrastructure.Redis;
using Selah.Server.Infrastructure.Storage;
using Selah.Server.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets(); // serve the Blazor client from build output in every environment, not only Development

builder.AddSelahData(); // first: its start-up migration must run before other hosted services read the database
builder.AddSelahWeb();
builder.AddSelahObservability();
builder.AddSelahRedisAndKeys();
builder.Services.AddSelahStorage();
builder.Services.AddSelahEmail();
builder.Services.AddSingleton<AuditLog>();
builder.AddAccounts();
builder.AddCatalog();
builder.AddMedia();
builder.AddDemo();

var app = builder.Build();
app.UseSelahWeb();
app.MapSelahOperations();
app.MapAccountsApi();
app.MapAdminUsersApi();
app.MapCatalogApi();
app.MapMediaApi();
app.MapSelahWebApp();
app.Run();

public partial class Program;
