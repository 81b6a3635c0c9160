package io.mandate.infra.launcher;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Who plays in the demo {@code ./mandate up} seeds: the clients (registered by the administrator), the
 * local users, and the grants each user gives an agent by signing in and consenting. {@link #standard()}
 * is the README's demo; {@link #renamed(String)} gives a test the same cast under ids of its own, so it
 * can run on a stack other tests share.
 */
public record DemoCast(List<Client> clients, List<User> users, List<Grant> grants) {

    /**
     * Where the demo agents' authorization responses go. Nothing listens there and nothing has to: the
     * launcher plays the agent and reads the code from the {@code Location} header that points there.
     */
    public static final String REDIRECT_URI = "http://127.0.0.1:9/demo-callback";

    /** A client as the admin API registers it ({@code client_secret_basic}). */
    public record Client(String clientId, String kind, String name, String owner, List<String> allowedScopes,
                         List<String> resourceUris, List<String> redirectUris) {
    }

    /** A local user of the token-issuer, who signs in on its login page. */
    public record User(String userId, String displayName) {
    }

    /**
     * What a user consents to: the agent asks for {@code asked} on {@code resource}; the user unticks
     * {@code unticked}, lets the agent hand the work to an MCP server or not, and keeps it for 90 days.
     */
    public record Grant(String userId, String agentId, String resource, List<String> asked, List<String> unticked,
                        boolean delegateToMcpServer) {

        /** The scopes the grant holds: what was asked, less what the user unticked. */
        public List<String> consented() {
            return asked.stream().filter(scope -> !unticked.contains(scope)).toList();
        }

        /** For messages: {@code alice → travel-agent (https://calendar.example/api)}. */
        public String describe() {
            return userId + " → " + agentId + " (" + resource + ")";
        }
    }

    public static DemoCast standard() {
        return new DemoCast(List.of(
                new Client("calendar-api", "RESOURCE_SERVER", "Calendar API", "team-calendar",
                        List.of("calendar.read", "calendar.write"), List.of("https://calendar.example/api"), List.of()),
                new Client("docs-api", "RESOURCE_SERVER", "Docs API", "team-docs",
                        List.of("docs.read", "docs.write"), List.of("https://docs.example/api"), List.of()),
                new Client("mail-api", "RESOURCE_SERVER", "Mail API", "team-mail",
                        List.of("mail.read", "mail.send"), List.of("https://mail.example/api"), List.of()),
                new Client("travel-agent", "AGENT", "Travel agent", "team-agents",
                        List.of("calendar.read", "calendar.write", "mail.read", "mail.send"), List.of(),
                        List.of(REDIRECT_URI)),
                new Client("research-agent", "AGENT", "Research agent", "team-agents",
                        List.of("docs.read"), List.of(), List.of(REDIRECT_URI)),
                new Client("calendar-mcp", "MCP_SERVER", "Calendar MCP server", "team-calendar",
                        List.of("calendar.read", "calendar.write"), List.of("https://mcp.calendar.example"), List.of())),
                List.of(new User("alice", "Alice"), new User("bob", "Bob")),
                List.of(
                        // alice lets the travel agent read her calendar, not change it, and lets it use the calendar MCP server
                        new Grant("alice", "travel-agent", "https://calendar.example/api",
                                List.of("calendar.read", "calendar.write"), List.of("calendar.write"), true),
                        new Grant("alice", "research-agent", "https://docs.example/api",
                                List.of("docs.read"), List.of(), false),
                        new Grant("bob", "travel-agent", "https://mail.example/api",
                                List.of("mail.read", "mail.send"), List.of(), true)));
    }

    /**
     * The same cast with every client id, user id and resource URI made unique by {@code run}
     * ({@code travel-agent} → {@code travel-agent-<run>}, {@code https://calendar.example/api} →
     * {@code https://<run>.calendar.example/api}).
     */
    public DemoCast renamed(String run) {
        UnaryOperator<String> id = value -> value + "-" + run;
        UnaryOperator<String> uri = value -> value.replaceFirst("^https://", "https://" + run + ".");
        return new DemoCast(
                clients.stream().map(c -> new Client(id.apply(c.clientId()), c.kind(), c.name(), c.owner(),
                        c.allowedScopes(), c.resourceUris().stream().map(uri).toList(), c.redirectUris())).toList(),
                users.stream().map(u -> new User(id.apply(u.userId()), u.displayName())).toList(),
                grants.stream().map(g -> new Grant(id.apply(g.userId()), id.apply(g.agentId()), uri.apply(g.resource()),
                        g.asked(), g.unticked(), g.delegateToMcpServer())).toList());
    }

    public Optional<Grant> firstGrantOf(String userId, String agentId) {
        return grants.stream().filter(grant -> grant.userId().equals(userId)
                && (agentId == null || grant.agentId().equals(agentId))).findFirst();
    }
}
