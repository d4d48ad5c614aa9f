using System.Globalization;
using Cooling.Supervisor.Service.Hosting;

namespace Cooling.Supervisor.Service.Security;

/// <summary>
/// <c>cooling-supervisor users add|list|remove|password</c> and <c>cooling-supervisor tokens create|list|revoke</c>: the
/// users and API tokens in the supervisor's SQLite file (Cooling:Store:SqlitePath from appsettings.json, the
/// environment or <c>--sqlite</c>, as the service reads it). Passwords are read from standard input (one line) or, at
/// a terminal, asked for twice without echo; a token's secret is printed once. Each change goes to the audit log as
/// <c>local:&lt;account&gt;</c>. Exit code 2 for bad arguments, 1 when the user or token does not exist or already does.
/// </summary>
public static class UsersCommand
{
    public const string Users = "users";
    public const string Tokens = "tokens";

    private static readonly Dictionary<string, string> Switches = new(SupervisorApp.Switches, StringComparer.Ordinal)
    {
        ["--name"] = "name", ["--role"] = "role", ["--id"] = "id",
    };

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TimeProvider time)
    {
        if (args.Length < 2 || args[1].StartsWith('-'))
        {
            await output.WriteLineAsync($"usage: cooling-supervisor {Users} add|list|remove|password …, cooling-supervisor {Tokens} create|list|revoke … (docs/security.md)");
            return 2;
        }

        var arguments = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args[2..], Switches)
            .Build();
        var path = arguments[$"{CoolingOptions.Section}:Store:SqlitePath"] is { Length: > 0 } configured ? configured : new StoreOptions().SqlitePath;
        using var database = new SecurityDatabase(path);
        var command = new Command(database, arguments, input, output, time);
        try
        {
            return (args[0], args[1]) switch
            {
                (Users, "add") => await command.AddUserAsync(),
                (Users, "list") => await command.ListUsersAsync(),
                (Users, "remove") => await command.RemoveUserAsync(),
                (Users, "password") => await command.SetPasswordAsync(),
                (Tokens, "create") => await command.CreateTokenAsync(),
                (Tokens, "list") => await command.ListTokensAsync(),
                (Tokens, "revoke") => await command.RevokeTokenAsync(),
                _ => throw new ArgumentException($"unknown command '{args[0]} {args[1]}'"),
            };
        }
        catch (ArgumentException ex)
        {
            await output.WriteLineAsync($"cooling-supervisor {args[0]}: {ex.Message}");
            return 2;
        }
    }

    private sealed class Command(SecurityDatabase database, IConfiguration arguments, TextReader input, TextWriter output, TimeProvider time)
    {
        private readonly UserStore _users = new(database);
        private readonly TokenStore _tokens = new(database);
        private readonly AuditLog _audit = new(database, time);
        private readonly string _actor = $"local:{Environment.UserName}";

        public async Task<int> AddUserAsync()
        {
            var name = Name();
            var role = RoleArgument();
            if (_users.Find(name) is not null)
            {
                await output.WriteLineAsync($"cooling-supervisor users: user '{name}' exists already");
                return 1;
            }

            var password = await PasswordAsync(name);
            _users.Add(name, role, PasswordSignIn.Hash(password), time.GetUtcNow());
            _audit.Record(_actor, "local", "user.add", $"user {name}", $"added as {role.Name()}");
            await output.WriteLineAsync($"user '{name}' added with role {role.Name()} to {database.Path}");
            return 0;
        }

        public async Task<int> ListUsersAsync()
        {
            foreach (var u in _users.List())
            {
                var locked = u.LockedUntil is { } until && until > time.GetUtcNow() ? $", locked until {until:O}" : "";
                await output.WriteLineAsync($"{u.Name}\t{u.Role.Name()}\tcreated {u.CreatedAt:O}{locked}");
            }

            return 0;
        }

        public async Task<int> RemoveUserAsync()
        {
            var name = Name();
            if (!_users.Remove(name))
            {
                await output.WriteLineAsync($"cooling-supervisor users: no user '{name}'");
                return 1;
            }

            _audit.Record(_actor, "local", "user.remove", $"user {name}", "removed");
            await output.WriteLineAsync($"user '{name}' removed; their sessions end at their next request");
            return 0;
        }

        public async Task<int> SetPasswordAsync()
        {
            var name = Name();
            if (_users.Find(name) is null)
            {
                await output.WriteLineAsync($"cooling-supervisor users: no user '{name}'");
                return 1;
            }

            _users.SetPasswordHash(name, PasswordSignIn.Hash(await PasswordAsync(name)));
            _users.SetFailures(name, 0, null);
            _audit.Record(_actor, "local", "user.password", $"user {name}", "password set, lock cleared");
            await output.WriteLineAsync($"password of '{name}' set; the account is unlocked");
            return 0;
        }

        public async Task<int> CreateTokenAsync()
        {
            var (token, secret) = _tokens.Create(Name(), RoleArgument(), _actor, time.GetUtcNow());
            _audit.Record(_actor, "local", "token.create", $"token {token.Id}", $"created for {token.Name} as {token.Role.Name()}");
            await output.WriteLineAsync($"token {token.Id} for '{token.Name}' with role {token.Role.Name()} (shown this once; send it as Authorization: Bearer …):");
            await output.WriteLineAsync(secret);
            return 0;
        }

        public async Task<int> ListTokensAsync()
        {
            foreach (var t in _tokens.List())
            {
                var state = t.RevokedAt is { } at ? $"revoked {at:O}" : "active";
                await output.WriteLineAsync($"{t.Id}\t{t.Name}\t{t.Role.Name()}\tcreated {t.CreatedAt:O} by {t.CreatedBy}\t{state}");
            }

            return 0;
        }

        public async Task<int> RevokeTokenAsync()
        {
            if (!long.TryParse(arguments["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                throw new ArgumentException("--id is required: the token's number (tokens list)");
            }

            if (!_tokens.Revoke(id, time.GetUtcNow()))
            {
                await output.WriteLineAsync($"cooling-supervisor tokens: no active token {id}");
                return 1;
            }

            _audit.Record(_actor, "local", "token.revoke", $"token {id}", "revoked");
            await output.WriteLineAsync($"token {id} revoked");
            return 0;
        }

        private string Name()
        {
            var name = arguments["name"] ?? throw new ArgumentException("--name is required");
            return UserStore.Invalid(name) is { } error ? throw new ArgumentException($"--name: {error}") : name;
        }

        private Role RoleArgument() =>
            Roles.TryParse(arguments["role"], out var role) ? role : throw new ArgumentException($"--role is required: one of {Roles.Names}");

        private async Task<string> PasswordAsync(string name)
        {
            string? password;
            if (ReferenceEquals(input, Console.In) && !Console.IsInputRedirected)
            {
                password = ReadHidden($"password for {name}: ");
                if (ReadHidden("again: ") != password) throw new ArgumentException("the two passwords differ");
            }
            else
            {
                password = await input.ReadLineAsync();
            }

            if (string.IsNullOrEmpty(password)) throw new ArgumentException("no password given on standard input");
            return PasswordSignIn.Weak(password) is { } weak ? throw new ArgumentException(weak) : password;
        }

        private string ReadHidden(string prompt)
        {
            output.Write(prompt);
            output.Flush();
            var text = new System.Text.StringBuilder();
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace) text.Length = Math.Max(0, text.Length - 1);
                else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
            }

            output.WriteLine();
            return text.ToString();
        }
    }
}
