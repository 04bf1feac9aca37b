import ArgumentParser
import Foundation
import Overblik

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Accounts of the service: associations and clerks.",
        discussion: """
        Passwords are read from standard input (first line) and stored as bcrypt hashes. Tokens are
        shown once; only their SHA-256 digest is stored.

        Examples:
          echo 'correct horse' | overblik users add koret --role association --association "Sebbersund Kor"
          echo 's3cret' | overblik users add anne --role clerk
          overblik users token koret
        """,
        subcommands: [Add.self, List.self, Passwd.self, Remove.self, Token.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account; the password comes from standard input.")
        @Argument(help: "Login name.") var name: String
        @Option(help: "association or clerk.") var role: String
        @Option(help: "The association the account books for (default: the name).") var association: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            guard let role = AccountRole(rawValue: role) else {
                throw OverblikError.badInput("--role: expected association or clerk, not '\(role)'")
            }
            let password = try readPassword()
            let account = try global.open().addUser(name: name, role: role, association: association, password: password)
            print("added \(account.name) (\(account.role.rawValue)\(account.association.map { ", \($0)" } ?? ""))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try global.require([.table, .json], command: "users list")
            try Output.render(try global.open().accountList(), as: global.format)
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new password (from standard input); ends the account's sessions.")
        @Argument(help: "Login name.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let password = try readPassword()
            try global.open().setPassword(name: name, password: password)
            print("password of \(name) changed")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account with its tokens and sessions (its bookings stay).")
        @Argument(help: "Login name.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try global.open().removeUser(name: name)
            print("removed \(name)")
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a new API token (Authorization: Bearer TOKEN).")
        @Argument(help: "Login name.") var name: String
        @Flag(help: "A token for the private iCalendar feed URL instead.") var calendar = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            print(try global.open().issueToken(name: name, purpose: calendar ? "calendar" : "api"))
        }
    }
}

/// The first line of standard input, which must not be empty.
private func readPassword() throws -> String {
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw OverblikError.badInput("give the password on standard input (one line)")
    }
    return line
}
