import ArgumentParser

/// Every subcommand of `overblik`, in help order. Add new commands here.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = [
        ImportCommand.self,
        InfoCommand.self,
        NearCommand.self,
        CoverageCommand.self,
        GapsCommand.self,
        AllocateCommand.self,
        SiteCommand.self,
        AccessCommand.self,
        HoursCommand.self,
        FreeCommand.self,
        BookCommand.self,
        CancelCommand.self,
        BookingsCommand.self,
        CalendarCommand.self,
        ClosuresCommand.self,
        ExportCommand.self,
        MapCommand.self,
        CheckCommand.self,
        ServeCommand.self,
        UsersCommand.self,
    ]
}
