// Each class drives a DevHost process that trains on both cores; running them one at a time keeps runs quick and comparable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
