package vn.dvc.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates in the engines the tables (keys, GSIs, streams), buckets (versioned) and queues (with their redrive
 * policies) that template.yaml declares, under local names. Returns how template references resolve locally.
 */
public final class Provisioner {
    private final Template template;
    private final String prefix;
    private final Map<String, String> parameterValues;

    public Provisioner(Template template, String prefix, Map<String, String> parameterValues) {
        this.template = template;
        this.prefix = prefix;
        this.parameterValues = parameterValues;
    }

    /** Local physical names: what !Ref and !GetAtt mean in this run. */
    public final class LocalNames implements Template.Names {
        final Map<String, String> refs = new HashMap<>();
        final Map<String, String> arns = new HashMap<>();
        final Map<String, String> streamArns = new HashMap<>();
        final Map<String, String> queueNames = new HashMap<>();

        @Override
        public String ref(String logicalId) {
            if (logicalId.equals("AWS::Region")) return Engines.REGION;
            if (logicalId.equals("AWS::AccountId")) return "000000000000";
            if (logicalId.equals("AWS::Partition")) return "aws";
            if (logicalId.equals("AWS::StackName")) return prefix;
            if (refs.containsKey(logicalId)) return refs.get(logicalId);
            return parameterValues.get(logicalId);
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            return switch (attribute) {
                case "Arn" -> arns.get(logicalId);
                case "StreamArn" -> streamArns.get(logicalId);
                case "QueueName" -> queueNames.get(logicalId);
                default -> null;
            };
        }

        public String tableName(String logicalId) {
            return refs.get(logicalId);
        }

        public String queueUrl(String logicalId) {
            return refs.get(logicalId);
        }

        public String bucketName(String logicalId) {
            return refs.get(logicalId);
        }

        /** The logical id of the queue with this ARN (event source mappings name queues by ARN). */
        public String queueByArn(String arn) {
            return arns.entrySet().stream().filter(e -> e.getValue().equals(arn)).map(Map.Entry::getKey).findFirst().orElse(null);
        }
    }

    public LocalNames provision(DynamoDbClient dynamo, S3Client s3, SqsClient sqs) {
        LocalNames names = new LocalNames();
        for (String id : template.resourcesOfType("AWS::DynamoDB::Table")) {
            String table = prefix + "-" + id;
            createTable(dynamo, table, template.properties(id));
            names.refs.put(id, table);
            names.arns.put(id, "arn:aws:dynamodb:" + Engines.REGION + ":000000000000:table/" + table);
            String stream = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            if (stream != null) {
                names.streamArns.put(id, stream);
            }
        }
        for (String id : template.resourcesOfType("AWS::S3::Bucket")) {
            // A bucket named in the template (so functions can name it without a Ref cycle) keeps that name locally.
            String declared = Template.resolve(template.properties(id).get("BucketName"), names);
            String bucket = (declared != null ? declared : prefix + "-" + id).toLowerCase(Locale.ROOT);
            if (!s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket))) {
                s3.createBucket(b -> b.bucket(bucket));
            }
            try {
                s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
            } catch (RuntimeException e) {
                // some engines do not version; the code does not depend on it
            }
            names.refs.put(id, bucket);
            names.arns.put(id, "arn:aws:s3:::" + bucket);
        }
        List<String> queues = template.resourcesOfType("AWS::SQS::Queue");
        for (String id : queues) {
            String queue = prefix + "-" + id;
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            Object visibility = template.properties(id).get("VisibilityTimeout");
            if (visibility != null) {
                attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, visibility.toString());
            }
            String url = sqs.createQueue(b -> b.queueName(queue).attributes(attributes)).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            names.refs.put(id, url);
            names.arns.put(id, arn);
            names.queueNames.put(id, queue);
        }
        for (String id : queues) {
            Map<String, Object> redrive = Template.map(template.properties(id).get("RedrivePolicy"));
            if (redrive.isEmpty()) {
                continue;
            }
            String dlqArn = Template.resolve(redrive.get("deadLetterTargetArn"), names);
            String policy = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + redrive.get("maxReceiveCount") + "\"}";
            sqs.setQueueAttributes(b -> b.queueUrl(names.refs.get(id)).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy)));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    /** Creates a table from its template definition (public for the restore drill, issue 8). */
    public static void createTable(DynamoDbClient dynamo, String table, Map<String, Object> props) {
        if (dynamo.listTables().tableNames().contains(table)) {
            return;
        }
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object a : (List<Object>) props.get("AttributeDefinitions")) {
            Map<String, Object> m = Template.map(a);
            attributes.add(AttributeDefinition.builder().attributeName((String) m.get("AttributeName"))
                    .attributeType((String) m.get("AttributeType")).build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object g : (List<Object>) props.getOrDefault("GlobalSecondaryIndexes", List.of())) {
            Map<String, Object> m = Template.map(g);
            indexes.add(GlobalSecondaryIndex.builder().indexName((String) m.get("IndexName"))
                    .keySchema(keySchema((List<Object>) m.get("KeySchema")))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build());
        }
        var builder = software.amazon.awssdk.services.dynamodb.model.CreateTableRequest.builder()
                .tableName(table).attributeDefinitions(attributes)
                .keySchema(keySchema((List<Object>) props.get("KeySchema")))
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (!indexes.isEmpty()) {
            builder.globalSecondaryIndexes(indexes);
        }
        Map<String, Object> stream = Template.map(props.get("StreamSpecification"));
        if (!stream.isEmpty()) {
            builder.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(StreamViewType.fromValue((String) stream.get("StreamViewType"))).build());
        }
        dynamo.createTable(builder.build());
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    private static List<KeySchemaElement> keySchema(List<Object> elements) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object e : elements) {
            Map<String, Object> m = Template.map(e);
            keys.add(KeySchemaElement.builder().attributeName((String) m.get("AttributeName"))
                    .keyType((String) m.get("KeyType")).build());
        }
        return keys;
    }
}
