using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;
using Selah.Client;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter);
builder.Services.AddSelahClient(new Uri(builder.HostEnvironment.BaseAddress));
builder.Services.AddSingleton<Selah.Client.Api.CalendarApi>();
builder.Services.AddSingleton<Selah.Client.Api.BibleApi>();
builder.Services.AddSingleton<Selah.Client.Api.ImportApi>();
builder.Services.AddSingleton<Selah.Client.Api.WorshipApi>();
builder.Services.AddSingleton<Selah.Client.Api.CommunityApi>();
builder.Services.AddSingleton<Selah.Client.Api.GroupsApi>();
builder.Services.AddSingleton<Selah.Client.Api.PrayerRoomsApi>();
await builder.Build().RunAsync();
