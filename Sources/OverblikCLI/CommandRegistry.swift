import ArgumentParser

/// Every subcommand of `overblik`, in help order. Add new commands here.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = [
        ImportCommand.self,
        InfoCommand.self,
        NearCommand.self,
    ]
}
