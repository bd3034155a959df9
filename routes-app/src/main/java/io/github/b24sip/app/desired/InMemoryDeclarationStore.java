package io.github.b24sip.app.desired;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The demo's store without a secrets key: declarations for the run only, nothing written. */
final class InMemoryDeclarationStore implements DeclarationStore {

    private final Map<String, PortalDeclaration> declarations = new ConcurrentHashMap<>();
    private final Map<String, AccountDeclaration> accounts = new ConcurrentHashMap<>();
    private final Map<String, DriftRecord> drifts = new ConcurrentHashMap<>();

    @Override
    public PortalDeclaration load(String portal) {
        return declarations.getOrDefault(portal, PortalDeclaration.none(portal));
    }

    @Override
    public PortalDeclaration update(String portal, UnaryOperator<PortalDeclaration> change) {
        return declarations.compute(portal, (k, v) -> change.apply(v == null ? PortalDeclaration.none(portal) : v));
    }

    @Override
    public AccountDeclaration loadAccount(String account) {
        return accounts.getOrDefault(account, AccountDeclaration.none(account));
    }

    @Override
    public AccountDeclaration updateAccount(String account, UnaryOperator<AccountDeclaration> change) {
        return accounts.compute(account, (k, v) -> change.apply(v == null ? AccountDeclaration.none(account) : v));
    }

    @Override
    public DriftRecord loadDrift(String portal) {
        return drifts.getOrDefault(portal, DriftRecord.empty());
    }

    @Override
    public void saveDrift(String portal, DriftRecord record) {
        drifts.put(portal, record);
    }

    @Override
    public void delete(String portal) {
        declarations.remove(portal);
        drifts.remove(portal);
    }
}
