package io.mandate.command.registry;

import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A grant as the command side knows it (row of {@code grant_registry}): enough to find the grants a
 * revocation cascades to, the grants due for expiry, and to answer {@code GET /api/grants/{id}}.
 * Written only by {@link RegistryProjection}.
 */
@Entity
@Table(name = "grant_registry", indexes = {
        @Index(name = "grant_registry_agent", columnList = "agent_id, status"),
        @Index(name = "grant_registry_user", columnList = "user_id, status"),
        @Index(name = "grant_registry_expiry", columnList = "status, expires_at")})
public class GrantRegistration {

    @Id
    @Column(name = "grant_id", length = 255)
    private String grantId;

    @Column(name = "user_id", nullable = false, length = 255)
    private String userId;

    @Column(name = "agent_id", nullable = false, length = 255)
    private String agentId;

    @Column(nullable = false, length = 2048)
    private String audience;

    @Column(nullable = false, length = 10000)
    private String scopes;

    /** Clients named as possible next actors: a client watermark covers these grants too. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "grant_registry_next_client", joinColumns = @JoinColumn(name = "grant_id"),
            indexes = @Index(name = "grant_registry_next_client_id", columnList = "client_id"))
    @Column(name = "client_id", nullable = false, length = 255)
    private Set<String> allowedNextClients = new HashSet<>();

    @Column(name = "max_depth", nullable = false)
    private int maxDepth;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private GrantStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 255)
    private String createdBy;

    @Column(name = "expires_at")
    private Instant expiresAt;

    /** When it was revoked or expired; null while active. */
    @Column(name = "ended_at")
    private Instant endedAt;

    protected GrantRegistration() {
        // for JPA
    }

    GrantRegistration(GrantCreated event) {
        this.grantId = event.grantId().value();
        this.userId = event.userId().value();
        this.agentId = event.agentId().value();
        this.audience = event.audience();
        this.scopes = event.scopes().toString();
        event.policy().allowedNextClients().forEach(client -> allowedNextClients.add(client.value()));
        this.maxDepth = event.policy().maxDepth();
        this.status = GrantStatus.ACTIVE;
        this.createdAt = event.createdAt();
        this.createdBy = event.createdBy();
        this.expiresAt = event.expiresAt();
    }

    void end(GrantStatus status, Instant at) {
        this.status = status;
        this.endedAt = at;
    }

    public GrantId grantId() {
        return GrantId.of(grantId);
    }

    public UserId userId() {
        return UserId.of(userId);
    }

    public ClientId agentId() {
        return ClientId.of(agentId);
    }

    public String audience() {
        return audience;
    }

    public Scopes scopes() {
        return Scopes.parse(scopes);
    }

    /** Sorted, so answers render the same way every time. */
    public Set<String> allowedNextClients() {
        return new TreeSet<>(allowedNextClients);
    }

    public int maxDepth() {
        return maxDepth;
    }

    public GrantStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant endedAt() {
        return endedAt;
    }
}
