package io.mandate.command.registry;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

/** Spring Data access to {@code client_registry}. */
interface ClientRegistrations extends JpaRepository<ClientRegistration, String> {

    @Query("select c from ClientRegistration c where :uri member of c.resourceUris order by c.registeredAt")
    List<ClientRegistration> findServing(String uri);
}
