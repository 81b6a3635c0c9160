package io.mandate.command.registry;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;

/** Spring Data access to {@code grant_registry}. */
interface GrantRegistrations extends JpaRepository<GrantRegistration, String> {

    @Query("select g.grantId from GrantRegistration g where g.agentId = :agentId and g.status = :status"
            + " order by g.createdAt, g.grantId")
    List<String> idsByAgent(String agentId, GrantStatus status);

    @Query("select g.grantId from GrantRegistration g where g.userId = :userId and g.status = :status"
            + " order by g.createdAt, g.grantId")
    List<String> idsByUser(String userId, GrantStatus status);

    @Query("select max(g.createdAt) from GrantRegistration g"
            + " where g.agentId = :clientId or :clientId member of g.allowedNextClients")
    Instant latestCreatedAtInvolving(String clientId);

    @Query("select max(g.createdAt) from GrantRegistration g where g.userId = :userId")
    Instant latestCreatedAtForUser(String userId);

    @Query("select g.grantId from GrantRegistration g where g.status = :status and g.expiresAt <= :now"
            + " order by g.expiresAt, g.grantId")
    List<String> idsExpiringBy(GrantStatus status, Instant now, Limit limit);
}
