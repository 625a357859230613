using Microsoft.DurableTask;
using Mlops.Core.Errors;

namespace Mlops.Workflows.Tests.Recovery;

public sealed class HostFaultsTests
{
    [Fact]
    public void AConfigurationTheTrainerCannotFit_IsATrialOutcome() =>
        Assert.True(HostFaults.IsTrialOutcome(new InvalidOperationException("Training failed: the label has one class in a fold.")));

    [Theory]
    [InlineData(typeof(OutOfMemoryException))]
    [InlineData(typeof(InsufficientExecutionStackException))]
    [InlineData(typeof(OperationCanceledException))]
    public void TheHostsOwnFaults_AreNotRecordedAsFailedTrials(Type fault)
    {
        var error = (Exception)Activator.CreateInstance(fault)!;

        Assert.False(HostFaults.IsTrialOutcome(error));
        Assert.False(HostFaults.IsTrialOutcome(new InvalidOperationException("wrapped", error)));
        Assert.False(HostFaults.IsTrialOutcome(new AggregateException(new ArgumentException("a"), error)));
    }

    [Fact]
    public void AWrongInput_IsNotRetried_ButAStorageFaultIs()
    {
        Assert.False(Retries.CanSucceedOnRetry(TaskFailureDetails.FromException(MlopsException.NotFound("The dataset 'x/y.csv' no longer exists."))));
        Assert.False(Retries.CanSucceedOnRetry(TaskFailureDetails.FromException(new ArgumentException("bad"))));
        Assert.True(Retries.CanSucceedOnRetry(TaskFailureDetails.FromException(new IOException("connection reset"))));
        Assert.True(Retries.CanSucceedOnRetry(TaskFailureDetails.FromException(new TimeoutException())));
    }
}
