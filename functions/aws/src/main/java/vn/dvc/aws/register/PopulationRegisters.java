package vn.dvc.aws.register;

import java.time.Duration;
import vn.dvc.aws.clients.DynamoClients;
import vn.dvc.aws.config.Env;
import vn.dvc.core.register.PopulationRegister;

/** Picks the register adapter from configuration: {@code REGISTER_MODE=table} (default) or {@code http}. */
public final class PopulationRegisters {
    private PopulationRegisters() {}

    public static PopulationRegister fromEnvironment() {
        String mode = Env.get("REGISTER_MODE", "table");
        return switch (mode) {
            case "table" -> new DynamoPopulationRegister(DynamoClients.dynamo(), Env.require("REGISTER_TABLE"));
            case "http" -> new HttpPopulationRegister(Env.require("REGISTER_URL"), Env.get("REGISTER_API_KEY"),
                    Duration.ofMillis(Env.getLong("REGISTER_TIMEOUT_MS", 2000)), (int) Env.getLong("REGISTER_ATTEMPTS", 3));
            default -> throw new IllegalStateException("REGISTER_MODE must be table or http, not " + mode);
        };
    }
}
