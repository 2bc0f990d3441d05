package vn.dvc.aws.register;

import static vn.dvc.aws.dynamo.Attr.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.dvc.core.register.CitizenRecord;
import vn.dvc.core.register.PopulationRegister;

/**
 * The local and test stand-in for the population database: a table of synthetic citizens,
 * {@code pk = CITIZEN#<personalId>}. A record carrying {@code simulateOutage = true} makes the lookup fail as the
 * real register does in an outage, so retries can be exercised end to end; any DynamoDB failure is an outage too.
 */
public final class DynamoPopulationRegister implements PopulationRegister {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPopulationRegister(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static String pk(String personalId) {
        return "CITIZEN#" + personalId;
    }

    @Override
    public String source() {
        return "POPULATION_REGISTER:table";
    }

    @Override
    public Optional<CitizenRecord> lookup(String personalId) {
        Map<String, AttributeValue> item;
        try {
            item = dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", s(pk(personalId))))).item();
        } catch (SdkException e) {
            throw new RegisterUnavailableException("register table unavailable", e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        if (bool(item, "simulateOutage")) {
            throw new RegisterUnavailableException("simulated register outage");
        }
        String born = str(item, "dateOfBirth");
        List<String> categories = new ArrayList<>();
        AttributeValue list = item.get("categories");
        if (list != null && list.hasL()) {
            list.l().forEach(v -> categories.add(v.s()));
        }
        return Optional.of(new CitizenRecord(str(item, "personalId"), str(item, "fullName"),
                born == null ? null : LocalDate.parse(born), str(item, "residenceCommuneCode"), categories));
    }

    /** The item for a citizen (seeding by the local runner and tests). */
    public static Map<String, AttributeValue> item(CitizenRecord c, boolean simulateOutage) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk(c.personalId())));
        item.put("personalId", s(c.personalId()));
        item.put("fullName", s(c.fullName()));
        item.put("dateOfBirth", c.dateOfBirth() == null ? nul() : s(c.dateOfBirth().toString()));
        item.put("residenceCommuneCode", s(c.residenceCommuneCode()));
        item.put("categories", AttributeValue.fromL(c.categories().stream().map(AttributeValue::fromS).toList()));
        if (simulateOutage) {
            item.put("simulateOutage", bool(true));
        }
        return item;
    }
}
