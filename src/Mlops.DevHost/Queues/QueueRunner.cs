using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Mlops.DevHost.Functions;
using Mlops.Storage;

namespace Mlops.DevHost.Queues;

/// <summary>
/// The local queue trigger, with the Functions host's defaults: polls the function's queue (backing off while it is
/// empty), calls the function once per message, deletes the message when the call succeeds, lets a failed one come
/// back, and moves a message that failed five times to "{queue}-poison".
/// </summary>
public sealed class QueueRunner(
    IServiceProvider services,
    StorageClients storage,
    QueueFunction function,
    IOptions<DevHostOptions> options,
    ILogger<QueueRunner> logger) : BackgroundService
{
    /// <summary>The host's maxDequeueCount default.</summary>
    public const int MaxAttempts = 5;

    private const int BatchSize = 16;

    private static readonly TimeSpan Invisible = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        FunctionInvoker.EnsureBindable(function.Method, p => p.ParameterType == typeof(string));
        var queue = storage.QueueService.GetQueueClient(function.QueueName);
        var poison = storage.QueueService.GetQueueClient(function.QueueName + "-poison");
        var idle = TimeSpan.FromMilliseconds(100);
        var longest = TimeSpan.FromMilliseconds(options.Value.QueueMaxPollMilliseconds);
        var wait = idle;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                messages = (await queue.ReceiveMessagesAsync(BatchSize, Invisible, stoppingToken)).Value;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                DevHostLog.QueuePollFailed(logger, function.QueueName, e);
                messages = [];
            }

            if (messages.Length == 0)
            {
                await Task.Delay(wait, stoppingToken);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, longest.Ticks));
                continue;
            }

            wait = idle;
            foreach (var message in messages)
            {
                await HandleAsync(queue, poison, message, stoppingToken);
            }
        }
    }

    private async Task HandleAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await FunctionInvoker.InvokeAsync(services, function.Type, function.Method, _ => message.MessageText, stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DevHostLog.QueueMessageFailed(logger, function.Name, message.MessageId, message.DequeueCount, MaxAttempts, e.InnerException ?? e);
        }

        if (message.DequeueCount >= MaxAttempts)
        {
            await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
            await poison.SendMessageAsync(message.MessageText, stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
            DevHostLog.QueueMessagePoisoned(logger, function.Name, message.MessageId, poison.Name, message.DequeueCount);
            return;
        }

        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: RetryAfter, cancellationToken: stoppingToken);
    }
}
