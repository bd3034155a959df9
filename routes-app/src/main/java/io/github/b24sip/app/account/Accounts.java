package io.github.b24sip.app.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.cluster.SharedStore;
import io.github.b24sip.camel.TrustStores;
import io.github.b24sip.camel.jdbc.JdbcRegistrationStatusStore;
import io.github.b24sip.camel.voximplant.VoximplantSipComponent;
import io.github.b24sip.camel.voximplant.VoximplantSipConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Voximplant accounts of {@code b24sip.voximplant.accounts.<name>.*}: each checked once, and mapped onto its own
 * voximplant-sip component, registered as {@code voximplant-sip-<name>}, so that no route URI carries a credential.
 * With a shared store the registrations' last delivered states are shared too, so any instance can take an account's
 * poller over.
 */
@ApplicationScoped
public class Accounts {

    public static final String SCHEME_PREFIX = "voximplant-sip-";

    @Inject
    AppConfig config;

    @Inject
    CamelContext camel;

    @Inject
    SharedStore shared;

    @Inject
    ObjectMapper json;

    private Map<String, AccountDefinition> accounts;

    /** Every account, by name; their components registered on first use. */
    public synchronized Collection<AccountDefinition> definitions() {
        if (accounts == null) {
            Map<String, AccountDefinition> loaded = new TreeMap<>();
            config.voximplant().accounts().forEach((name, s) -> loaded.put(name, AccountDefinition.of(name, s)));
            loaded.values().forEach(this::register);
            accounts = loaded;
        }
        return accounts.values();
    }

    public Set<String> names() {
        definitions();
        return accounts.keySet();
    }

    /** The account a row or command names (its name, trimmed, without regard to case). */
    public Optional<String> resolve(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        String name = reference.trim().toLowerCase(Locale.ROOT);
        return names().contains(name) ? Optional.of(name) : Optional.empty();
    }

    /** The URI of an operation on an account's component, e.g. {@code voximplant-sip-trunks:sync?prune=true}. */
    public String uri(String account, String operation) {
        return SCHEME_PREFIX + account + ":" + operation;
    }

    private void register(AccountDefinition a) {
        VoximplantSipComponent component = new VoximplantSipComponent();
        VoximplantSipConfiguration c = component.getConfiguration();
        c.setApiUrl(a.apiUrl());
        c.setCredentialsFile(a.credentialsFile());
        c.setCredentials(a.credentials());
        if (a.trustStoreFile() != null) {
            c.setSslContextParameters(TrustStores.pkcs12(Path.of(a.trustStoreFile()), a.trustStorePassword()));
        }
        if (shared.enabled()) {
            c.setStatusStore(new JdbcRegistrationStatusStore(shared.dataSource(), json));
        }
        camel.addComponent(SCHEME_PREFIX + a.name(), component);
    }
}
