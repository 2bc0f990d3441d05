/**
 * One holder class per AWS service, so that a function's deployable jar holds only the SDK services the function
 * calls: the shade plugin minimises each jar to the classes reachable from the function's own classes, and a
 * holder that mentioned every service (as {@link vn.dvc.aws.AwsClients} does) would pull all of them in
 * (performance, issue 9). Functions use these holders; {@code AwsClients} delegates to them and remains for tests
 * and the local runner.
 */
package vn.dvc.aws.clients;
