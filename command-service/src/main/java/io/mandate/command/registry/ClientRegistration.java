package io.mandate.command.registry;

import io.mandate.messages.client.ClientMetadataUpdated;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A registered client as the command side knows it (row of {@code client_registry}): what grant
 * creation checks an agent, an audience and a policy against. Written only by {@link RegistryProjection}.
 */
@Entity
@Table(name = "client_registry")
public class ClientRegistration {

    @Id
    @Column(name = "client_id", length = 255)
    private String clientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private ClientKind kind;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 255)
    private String owner;

    /** Space-delimited (RFC 6749 §3.3), the form {@link Scopes#parse} reads back. */
    @Column(name = "allowed_scopes", nullable = false, length = 10000)
    private String allowedScopes;

    // Its own table so "which server serves this audience" is an indexed lookup, not a scan of strings.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "client_registry_resource_uri", joinColumns = @JoinColumn(name = "client_id"))
    @OrderColumn(name = "position")
    @Column(name = "resource_uri", nullable = false, length = 2048)
    private List<String> resourceUris = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "client_registry_redirect_uri", joinColumns = @JoinColumn(name = "client_id"))
    @OrderColumn(name = "position")
    @Column(name = "redirect_uri", nullable = false, length = 2048)
    private List<String> redirectUris = new ArrayList<>();

    /** Null for rows written before the column existed: those were all admin registrations. */
    @Enumerated(EnumType.STRING)
    @Column(name = "registration_path", length = 32)
    private RegistrationPath registrationPath;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ClientStatus status;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    /** Only the method, never a hash or keys: the token-issuer authenticates clients, not this service. */
    @Enumerated(EnumType.STRING)
    @Column(name = "token_endpoint_auth_method", length = 32)
    private TokenEndpointAuthMethod tokenEndpointAuthMethod;

    @Column(name = "credentials_set_at")
    private Instant credentialsSetAt;

    protected ClientRegistration() {
        // for JPA
    }

    ClientRegistration(ClientRegistered event) {
        this.clientId = event.clientId().value();
        this.kind = event.kind();
        this.name = event.name();
        this.owner = event.owner();
        this.allowedScopes = event.allowedScopes().toString();
        this.resourceUris = new ArrayList<>(event.resourceUris());
        this.redirectUris = new ArrayList<>(event.redirectUris());
        this.registrationPath = event.registrationPath();
        this.status = ClientStatus.ACTIVE;
        this.registeredAt = event.registeredAt();
    }

    /** An update replaces the whole description (kind, owner and path never change). */
    void describe(ClientMetadataUpdated updated) {
        this.name = updated.name();
        this.allowedScopes = updated.allowedScopes().toString();
        this.resourceUris.clear();
        this.resourceUris.addAll(updated.resourceUris());
        this.redirectUris.clear();
        this.redirectUris.addAll(updated.redirectUris());
    }

    void status(ClientStatus status) {
        this.status = status;
    }

    void credentials(TokenEndpointAuthMethod method, Instant setAt) {
        this.tokenEndpointAuthMethod = method;
        this.credentialsSetAt = setAt;
    }

    public ClientId clientId() {
        return ClientId.of(clientId);
    }

    public ClientKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public String owner() {
        return owner;
    }

    public Scopes allowedScopes() {
        return Scopes.parse(allowedScopes);
    }

    public List<String> resourceUris() {
        return List.copyOf(resourceUris);
    }

    public List<String> redirectUris() {
        return List.copyOf(redirectUris);
    }

    public RegistrationPath registrationPath() {
        return registrationPath == null ? RegistrationPath.ADMIN : registrationPath;
    }

    public ClientStatus status() {
        return status;
    }

    public boolean isActive() {
        return status == ClientStatus.ACTIVE;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    /** Null for a client registered before credentials existed and never rotated since. */
    public TokenEndpointAuthMethod tokenEndpointAuthMethod() {
        return tokenEndpointAuthMethod;
    }

    public Instant credentialsSetAt() {
        return credentialsSetAt;
    }
}
