using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace IctEngine.Journal;

/// <summary>
/// The bind calls of the SQLite store's insert loop, called straight into the same native SQLite library that
/// SQLitePCL loaded, on raw handles, without a GC transition, and with <c>SQLITE_STATIC</c> for text and blobs.
/// Through SQLitePCL each bind paid a provider interface call, a marshalling stub and a <see cref="SafeHandle"/>
/// add-ref/release (~14% of the journal writer thread's CPU in a replay), and every text or blob was copied by
/// SQLite into memory it allocated and freed (<c>SQLITE_TRANSIENT</c>; another ~15%). The caller guarantees that
/// a statically bound pointer stays valid and unchanged until the statement has been stepped, and that it holds
/// the connection's lock (the connection is opened without SQLite's mutex). Binds never block or call back, which
/// is what suppressing the GC transition requires.
/// </summary>
internal static unsafe class SqliteNativeBinds
{
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long, int> BindInt64Fn;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int> BindBlobFn;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int> BindTextFn;

    static SqliteNativeBinds()
    {
        Batteries_V2.Init();

        // Resolved through the provider's own assembly, i.e. the library (and the copy of SQLite's global state)
        // that SQLitePCL's P/Invokes use; checked below, because handles of one copy must never reach another.
        var library = NativeLibrary.Load("e_sqlite3", typeof(SQLite3Provider_e_sqlite3).Assembly, null);
        var sourceId = (delegate* unmanaged[Cdecl]<byte*>)NativeLibrary.GetExport(library, "sqlite3_sourceid");
        var ours = sourceId();
        var theirs = raw.sqlite3_sourceid();
        fixed (byte* theirsPointer = theirs)
        {
            if (ours != theirsPointer)
            {
                throw new InvalidOperationException(
                    "The SQLite library resolved for direct binds is not the one SQLitePCL uses; the event store cannot run.");
            }
        }

        BindInt64Fn = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long, int>)NativeLibrary.GetExport(library, "sqlite3_bind_int64");
        BindBlobFn = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int>)NativeLibrary.GetExport(library, "sqlite3_bind_blob");
        BindTextFn = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int>)NativeLibrary.GetExport(library, "sqlite3_bind_text");
    }

    /// <summary>Runs the static constructor's check now (the store's constructor), not on the first append.</summary>
    public static void EnsureLoaded() => RuntimeHelpers.RunClassConstructor(typeof(SqliteNativeBinds).TypeHandle);

    /// <summary>The statement's native pointer. The caller keeps <paramref name="statement"/> alive and undisposed.</summary>
    public static nint Handle(sqlite3_stmt statement) => statement.DangerousGetHandle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BindInt64(nint statement, int index, long value) => BindInt64Fn(statement, index, value);

    /// <summary>Binds <paramref name="length"/> bytes at <paramref name="data"/> without copying (<c>SQLITE_STATIC</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BindStaticBlob(nint statement, int index, byte* data, int length) => BindBlobFn(statement, index, data, length, 0);

    /// <summary>Binds UTF-8 text without copying (<c>SQLITE_STATIC</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BindStaticText(nint statement, int index, byte* data, int length) => BindTextFn(statement, index, data, length, 0);
}
