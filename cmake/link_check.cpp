// The program of a room's link check (ui/CMakeLists.txt): it runs nothing; linking it is the
// check.
int main()
{
    return 0;
}
